// Relationships of a person (either direction) to organisations and persons, with their evidence.
// $iri: the person's IRI; $limit: at most this many rows per direction.
MATCH (n:Person {iri: $iri})-[r]->(x:Organisation:Person)
RETURN label(r) AS type, 'out' AS direction, x.iri AS iri, x.name AS name, label(x) AS label,
       r.source AS source, r.record AS record
ORDER BY type, name
LIMIT $limit
UNION ALL
MATCH (n:Person {iri: $iri})<-[r]-(x:Organisation:Person)
RETURN label(r) AS type, 'in' AS direction, x.iri AS iri, x.name AS name, label(x) AS label,
       r.source AS source, r.record AS record
ORDER BY type, name
LIMIT $limit
