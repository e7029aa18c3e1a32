// Every chain of parents above an organisation (sub-organisation of).   :param iri => 'https://ror.org/01yqg2h08'
MATCH p = (o:Organisation {iri: $iri})-[:SUB_ORGANISATION_OF*1..12]->(a:Organisation)
RETURN [n IN nodes(p) | n.iri] AS iris, [n IN nodes(p) | n.name] AS names,
       [r IN relationships(p) | r.source] AS sources
LIMIT 500
