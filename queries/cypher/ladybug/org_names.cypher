// Name of every organisation (for paths computed at ingest).
MATCH (o:Organisation) RETURN o.iri AS iri, o.name AS name
