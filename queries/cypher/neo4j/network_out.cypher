// One hop outwards from a frontier: relationships a → b among organisations and persons.
// :param iris => ['https://ror.org/01yqg2h08']   :param types => ['SUB_ORGANISATION_OF']   :param limit => 1000
UNWIND $iris AS i
MATCH (a:Organisation {iri: i})-[r]->(b)
WHERE (b:Organisation OR b:Person) AND type(r) IN $types
RETURN a.iri AS from, type(r) AS relation, b.iri AS to, r.source AS source
LIMIT $limit
UNION ALL
UNWIND $iris AS i
MATCH (a:Person {iri: i})-[r]->(b)
WHERE (b:Organisation OR b:Person) AND type(r) IN $types
RETURN a.iri AS from, type(r) AS relation, b.iri AS to, r.source AS source
LIMIT $limit
