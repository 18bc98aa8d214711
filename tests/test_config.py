import pytest

from geo import config
from geo.errors import DataError


def test_team_tables_are_read_with_line_numbers(tmp_path):
    table = tmp_path / "t.tsv"
    table.write_text("# comment\n\nBalkans\tBalkan\tRS XK\nbroken line\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"t.tsv:4: expected name<TAB>aliases<TAB>members"):
        config.read_table(table, 3, "name<TAB>aliases<TAB>members")
    table.write_text("# comment\n\nBalkans\tBalkan \tRS XK\n", encoding="utf-8")
    assert config.read_table(table, 3, "x") == [(3, ["Balkans", "Balkan", "RS XK"])]
    with pytest.raises(DataError, match="missing.tsv: cannot read"):
        config.read_table(tmp_path / "missing.tsv", 1, "x")


@pytest.mark.parametrize("name", ["aliases.tsv", "regions.tsv", "display_names.tsv", "organisations.txt",
                                  "water_bodies.tsv"])
def test_the_shipped_tables_are_well_formed(name):
    columns = {"display_names.tsv": 2, "organisations.txt": 1, "water_bodies.tsv": 5}.get(name, 3)
    assert config.read_table(config.project_table(name), columns, "x")
