// All shortest paths (up to 6 relationships, either direction) between two organisations or persons,
// over the relations between them (not through lists or areas).
// :param from => 'https://ror.org/01yqg2h08'   :param to => 'https://ror.org/02wq41p38'   :param limit => 10
MATCH (a {iri: $from}), (b {iri: $to})
WHERE (a:Organisation OR a:Person) AND (b:Organisation OR b:Person)
MATCH p = allShortestPaths((a)-[:SUB_ORGANISATION_OF|SUCCEEDED_BY|SUPERVISED_BY|OWNED_BY|RELATED_TO|SAME_AS|
  AFFILIATED_WITH|FUNDED_BY|COAUTHORED_WITH*1..6]-(b))
RETURN [n IN nodes(p) | n.iri] AS iris,
       [n IN nodes(p) | n.name] AS names,
       [n IN nodes(p) | n.iri] AS ids,
       [r IN relationships(p) | type(r)] AS types,
       [r IN relationships(p) | startNode(r).iri] AS srcs,
       [r IN relationships(p) | r.source] AS sources,
       [r IN relationships(p) | r.record] AS records
LIMIT $limit
