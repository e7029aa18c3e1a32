// Direct children (laboratories, institutes) of the given organisation (for areas inherited from them).
MATCH (c:Organisation)-[:SUB_ORGANISATION_OF]->(o:Organisation {iri: $iri})
RETURN c.iri AS iri, c.name AS name
LIMIT 2000
