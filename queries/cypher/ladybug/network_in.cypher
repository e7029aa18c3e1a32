// One hop inwards to a frontier: relationships b → a among organisations and persons.
// $iris: frontier IRIs; $types: relationship types to follow; $limit: row cap.
UNWIND $iris AS i
MATCH (a:Organisation:Person {iri: i})<-[r]-(b:Organisation:Person)
WHERE list_contains($types, label(r))
RETURN b.iri AS from, label(r) AS relation, a.iri AS to, r.source AS source
LIMIT $limit
