// All shortest paths (up to 6 relationships, either direction) between two organisations or persons,
// over the relations between them (not through lists or areas). Direction: a step is forward when the
// relationship's source is the node before it ($srcs[i] = $ids[i]).   $from, $to: IRIs; $limit: paths.
MATCH p = (a:Organisation:Person {iri: $from})-[:SUB_ORGANISATION_OF|SUCCEEDED_BY|SUPERVISED_BY|OWNED_BY|
  RELATED_TO|SAME_AS|AFFILIATED_WITH|FUNDED_BY|COAUTHORED_WITH * ALL SHORTEST 1..6]-(b:Organisation:Person {iri: $to})
RETURN list_transform(nodes(p), n -> n.iri) AS iris,
       list_transform(nodes(p), n -> n.name) AS names,
       list_transform(nodes(p), n -> id(n)) AS ids,
       list_transform(rels(p), r -> label(r)) AS types,
       list_transform(rels(p), r -> r._SRC) AS srcs,
       list_transform(rels(p), r -> r.source) AS sources,
       list_transform(rels(p), r -> r.record) AS records
LIMIT $limit
