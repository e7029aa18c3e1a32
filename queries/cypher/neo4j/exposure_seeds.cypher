// Organisations that carry a listing (with the list's legal effect) or a military / other end-use area.
// :param end_use_prefix => 'https://w3id.org/rskg/taxonomy/end-use/'
MATCH (e:Organisation)-[:LISTED_IN]->(:Edition)-[:EDITION_OF]->(li:List)
RETURN DISTINCT e.iri AS iri, li.legal_effect AS effect
UNION
MATCH (e:Organisation)-[:HAS_AREA]->(c:Concept)
WHERE c.iri STARTS WITH $end_use_prefix
RETURN DISTINCT e.iri AS iri, 'end_use' AS effect
