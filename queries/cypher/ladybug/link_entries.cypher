// Named organisations from sources other than $skip_sources (the registry, the links' own source): the list
// entries that the "link" derivation resolves, with the names and countries it needs.
MATCH (o:Organisation)
WHERE o.name IS NOT NULL AND o.source IS NOT NULL AND NOT o.source IN $skip_sources
RETURN o.iri AS iri, o.name AS name, o.alt_names AS alt_names, o.acronyms AS acronyms, o.labels AS labels,
       o.labels_langs AS label_langs, o.countries AS countries, o.kinds AS kinds, o.status AS status,
       o.source AS source, o.cities AS cities, o.entity_kinds AS entity_kinds
