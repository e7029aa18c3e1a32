// Drawing attributes of organisations and persons.   $iris: their IRIs.
UNWIND $iris AS i
MATCH (n:Organisation:Person {iri: i})
RETURN n.iri AS iri, n.name AS name, label(n) AS label, n.countries AS countries, n.source AS source
