{# The incident layer's script: a Jinja template rendered by folium (IncidentLayer in
    incident_layer.py). Every value goes in through folium's tojavascript filter: an element
    becomes its variable name, None becomes null, anything else escaped JSON. The incidents
    themselves are not here: they are read from the JSON block the element writes beside it.
    The parts below share this one closure:
      map_data.js     the data block, its columns decoded, labels for places, dates, precision
      map_draw.js     markers (a colour and a shape per type, a style per precision), clusters
                      coloured by type, the shapes of precision-3 incidents, popups, uncertainty
      map_filters.js  what the filters let through, and everything that counts it
      map_timeline.js a start and an end date, stepping evenly through time
      map_panel.js    the side panel: search, filters and legend, the list of incidents in view
      map_search.js   an index of words over places, sentences and titles
      map_export.js   GeoJSON and CSV of what the filters select
      map_basemap.js  the offline basemap and its names by zoom -#}
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById({{ (this.get_name() ~ "_data")|tojavascript }}).textContent);
  var map = {{ this.map|tojavascript }}, cluster = {{ this.cluster|tojavascript }};
  var heat = {{ this.heat|tojavascript }}, tiles = {{ this.tiles|tojavascript }};
  var fallback = {{ this.fallback|tojavascript }};
  var regionsLayer = {{ this.regions|tojavascript }}, wholeLayer = {{ this.whole|tojavascript }};
  var choropleths = {{ this.choropleths|tojavascript }};
  var STEP_MS = {{ this.step_ms|tojavascript }};
{% include "map_data.js" %}
{% include "map_draw.js" %}
{% include "map_filters.js" %}
{% include "map_timeline.js" %}
{% include "map_panel.js" %}
{% include "map_search.js" %}
{% include "map_export.js" %}
{% include "map_basemap.js" %}
  start();
  window.geoIncidents = api;
})();
