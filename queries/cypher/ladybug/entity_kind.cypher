// The kind (node label) and properties of an organisation or person.   $iri: the entity's IRI.
MATCH (n:Organisation:Person {iri: $iri})
RETURN label(n) AS label, n AS n
