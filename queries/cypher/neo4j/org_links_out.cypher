// Relationships from an organisation to other organisations or persons, with their evidence.
MATCH (o:Organisation {iri: $iri})-[r]->(x)
WHERE x:Organisation OR x:Person
RETURN type(r) AS type, x.iri AS iri, x.name AS name, labels(x)[0] AS label, r.source AS source, r.record AS record
ORDER BY type, name
LIMIT $limit
