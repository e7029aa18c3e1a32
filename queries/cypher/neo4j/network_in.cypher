// One hop inwards to a frontier: relationships b → a among organisations and persons.
// :param iris => ['https://ror.org/01yqg2h08']   :param types => ['SUB_ORGANISATION_OF']   :param limit => 1000
UNWIND $iris AS i
MATCH (a:Organisation {iri: i})<-[r]-(b)
WHERE (b:Organisation OR b:Person) AND type(r) IN $types
RETURN b.iri AS from, type(r) AS relation, a.iri AS to, r.source AS source
LIMIT $limit
UNION ALL
UNWIND $iris AS i
MATCH (a:Person {iri: i})<-[r]-(b)
WHERE (b:Organisation OR b:Person) AND type(r) IN $types
RETURN b.iri AS from, type(r) AS relation, a.iri AS to, r.source AS source
LIMIT $limit
