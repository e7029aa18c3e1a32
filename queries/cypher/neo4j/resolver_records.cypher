// Every named organisation with what the resolver index needs: names, labels (with languages), countries,
// kinds, status, source, cities, parents (SUB_ORGANISATION_OF) and successors (SUCCEEDED_BY).
MATCH (o:Organisation)
WHERE o.name IS NOT NULL
OPTIONAL MATCH (o)-[:SUB_ORGANISATION_OF]->(p:Organisation)
WITH o, collect(DISTINCT p.iri) AS parents
OPTIONAL MATCH (o)-[:SUCCEEDED_BY]->(s:Organisation)
RETURN o.iri AS iri, o.name AS name, o.alt_names AS alt_names, o.acronyms AS acronyms, o.labels AS labels,
       o.labels_langs AS label_langs, o.countries AS countries, o.kinds AS kinds, o.status AS status,
       o.source AS source, o.cities AS cities, o.entity_kinds AS entity_kinds, parents,
       collect(DISTINCT s.iri) AS successors
ORDER BY iri
