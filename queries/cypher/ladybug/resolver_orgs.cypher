// Every named organisation with the names and attributes the resolver index needs, one row each, unsorted and
// without joins: the engine streams it with little memory (one query that joined, aggregated and sorted in the
// engine held ~3.8 KB per organisation). Parents and successors come from resolver_edges.
MATCH (o:Organisation)
WHERE o.name IS NOT NULL
RETURN o.iri AS iri, o.name AS name, o.alt_names AS alt_names, o.acronyms AS acronyms, o.labels AS labels,
       o.labels_langs AS label_langs, o.countries AS countries, o.kinds AS kinds, o.status AS status,
       o.source AS source, o.cities AS cities, o.entity_kinds AS entity_kinds
