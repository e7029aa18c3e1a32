// One hop outwards from a frontier: relationships a → b among organisations and persons.
// $iris: frontier IRIs; $types: relationship types to follow; $limit: row cap.
UNWIND $iris AS i
MATCH (a:Organisation:Person {iri: i})-[r]->(b:Organisation:Person)
WHERE list_contains($types, label(r))
RETURN a.iri AS from, label(r) AS relation, b.iri AS to, r.source AS source
LIMIT $limit
