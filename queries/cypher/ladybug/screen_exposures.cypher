// Precomputed paths (at ingest) from the given organisation to listed or end-use-flagged entities.
MATCH (o:Organisation {iri: $iri})-[x:EXPOSED_TO]->(t)
WHERE x.hops <= $hops
RETURN t.iri AS iri, t.name AS name, t.countries AS countries, t.kinds AS kinds, t.source AS source,
       x.hops AS hops, x.channel AS channel, x.path AS path
