// The lists (with legal effect) each of these organisations or persons appears in.   $iris: their IRIs.
UNWIND $iris AS i
MATCH (n:Organisation:Person {iri: i})-[:LISTED_IN]->(:Edition)-[:EDITION_OF]->(l:List)
RETURN DISTINCT n.iri AS iri, l.key AS list, l.legal_effect AS legal_effect
