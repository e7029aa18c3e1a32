// Every chain of parents above an organisation (sub-organisation of), up to $depth levels.
MATCH p = (o:Organisation {iri: $iri})-[:SUB_ORGANISATION_OF*1..12]->(a:Organisation)
RETURN list_transform(nodes(p), n -> n.iri) AS iris, list_transform(nodes(p), n -> n.name) AS names,
       list_transform(rels(p), r -> r.source) AS sources
LIMIT 500
