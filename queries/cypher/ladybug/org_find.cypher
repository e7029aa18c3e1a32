// Organisations whose IRI, preferred name, alias, acronym or label equals $q (case-insensitive; $q lower-cased).
// (LadybugDB: a parameter cannot appear inside a lambda, hence list_contains over list_transform.)
MATCH (o:Organisation)
WHERE o.name IS NOT NULL AND (o.iri = $iri OR lower(o.name) = $q
   OR list_contains(list_transform(o.alt_names, x -> lower(x)), $q)
   OR list_contains(list_transform(o.acronyms, x -> lower(x)), $q)
   OR list_contains(list_transform(o.labels, x -> lower(x)), $q))
RETURN o.iri AS iri, o.name AS name, o.countries AS countries, o.kinds AS kinds, o.status AS status,
       o.acronyms AS acronyms, o.source AS source
ORDER BY o.name, o.iri
LIMIT $limit
