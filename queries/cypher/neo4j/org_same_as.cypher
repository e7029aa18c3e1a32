// Same-as links (list entry → the organisation it is linked to) of the organisations $iris, in one read.
MATCH (a:Organisation)-[:SAME_AS]->(b:Organisation)
WHERE a.iri IN $iris
RETURN a.iri AS entry, b.iri AS target
