// Drawing attributes of organisations and persons.   :param iris => ['https://ror.org/01yqg2h08']
UNWIND $iris AS i
MATCH (n:Organisation {iri: i})
RETURN n.iri AS iri, n.name AS name, 'Organisation' AS label, n.countries AS countries, n.source AS source
UNION ALL
UNWIND $iris AS i
MATCH (n:Person {iri: i})
RETURN n.iri AS iri, n.name AS name, 'Person' AS label, n.countries AS countries, n.source AS source
