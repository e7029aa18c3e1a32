// The kind (node label) and properties of an organisation or person.   :param iri => 'https://ror.org/01yqg2h08'
MATCH (n:Organisation {iri: $iri})
RETURN 'Organisation' AS label, properties(n) AS n
UNION ALL
MATCH (n:Person {iri: $iri})
RETURN 'Person' AS label, properties(n) AS n
