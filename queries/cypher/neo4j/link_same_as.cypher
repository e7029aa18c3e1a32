// Same-as links of an entity (to the registry organisations it was resolved to), with score and method.
MATCH (a {iri: $iri})-[e:SAME_AS]->(b:Organisation)
RETURN b.iri AS target, b.name AS name, e.score AS score, e.method AS method, e.source AS source
ORDER BY score DESC, target
