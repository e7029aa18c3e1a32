// Organisations whose IRI, preferred name, alias, acronym or label equals $q (case-insensitive; $q lower-cased).
// :param q => 'hit'   :param iri => ''   :param limit => 200
MATCH (o:Organisation)
WHERE o.name IS NOT NULL AND (o.iri = $iri OR toLower(o.name) = $q
   OR any(x IN o.alt_names WHERE toLower(x) = $q)
   OR any(x IN o.acronyms WHERE toLower(x) = $q)
   OR any(x IN o.labels WHERE toLower(x) = $q))
RETURN o.iri AS iri, o.name AS name, o.countries AS countries, o.kinds AS kinds, o.status AS status,
       o.acronyms AS acronyms, o.source AS source
ORDER BY o.name, o.iri
LIMIT $limit
