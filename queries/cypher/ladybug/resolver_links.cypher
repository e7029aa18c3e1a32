// How many organisations the registry connects each named organisation to: its sub-organisations and the
// organisations it is related to, whether or not they are loaded (a unit a list of concern names does not count).
// The resolver's prior among organisations sharing a name. $sources: the registry's source keys.
MATCH (c:Organisation)-[:SUB_ORGANISATION_OF]->(o:Organisation)
WHERE o.name IS NOT NULL AND (c.source IS NULL OR c.source IN $sources)
RETURN o.iri AS iri, count(DISTINCT c) AS links
UNION ALL
MATCH (o:Organisation)-[:RELATED_TO]->(p:Organisation)
WHERE o.name IS NOT NULL AND (p.source IS NULL OR p.source IN $sources)
RETURN o.iri AS iri, count(DISTINCT p) AS links
