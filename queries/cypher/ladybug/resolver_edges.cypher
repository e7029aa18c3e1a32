// Parents (SUB_ORGANISATION_OF) and successors (SUCCEEDED_BY) of named organisations, for the resolver index.
MATCH (o:Organisation)-[r:SUB_ORGANISATION_OF|SUCCEEDED_BY]->(p:Organisation)
WHERE o.name IS NOT NULL
RETURN o.iri AS iri, label(r) AS rel, p.iri AS other
