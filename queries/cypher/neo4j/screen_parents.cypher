// Direct parents of the given organisation (for areas inherited from a parent).
MATCH (o:Organisation {iri: $iri})-[:SUB_ORGANISATION_OF]->(p:Organisation)
RETURN p.iri AS iri, p.name AS name
