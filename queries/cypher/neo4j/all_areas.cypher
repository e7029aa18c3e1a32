// Every technology-area and end-use assignment, with source and confidence (cached per process).
MATCH (o)-[h:HAS_AREA]->(c)
OPTIONAL MATCH (c)-[:IN_SCHEME]->(s:Scheme)
RETURN o.iri AS entity, c.iri AS concept, c.name AS label, s.iri AS scheme, h.source AS source,
       h.confidence AS confidence, h.basis AS basis
