// The lists (with legal effect) each of these organisations or persons appears in.
// :param iris => ['https://ror.org/01yqg2h08']
UNWIND $iris AS i
MATCH (n {iri: i})-[:LISTED_IN]->(:Edition)-[:EDITION_OF]->(l:List)
WHERE n:Organisation OR n:Person
RETURN DISTINCT n.iri AS iri, l.key AS list, l.legal_effect AS legal_effect
