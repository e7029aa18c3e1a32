// Relationships of a person (either direction) to organisations and persons, with their evidence.
// :param iri => 'https://orcid.org/0000-0002-1825-0097'   :param limit => 500
MATCH (n:Person {iri: $iri})-[r]->(x)
WHERE x:Organisation OR x:Person
RETURN type(r) AS type, 'out' AS direction, x.iri AS iri, x.name AS name, labels(x)[0] AS label,
       r.source AS source, r.record AS record
ORDER BY type, name
LIMIT $limit
UNION ALL
MATCH (n:Person {iri: $iri})<-[r]-(x)
WHERE x:Organisation OR x:Person
RETURN type(r) AS type, 'in' AS direction, x.iri AS iri, x.name AS name, labels(x)[0] AS label,
       r.source AS source, r.record AS record
ORDER BY type, name
LIMIT $limit
