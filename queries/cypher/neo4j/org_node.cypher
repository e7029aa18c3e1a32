// One organisation with all its properties.   :param iri => 'https://ror.org/01yqg2h08'
MATCH (o:Organisation {iri: $iri})
RETURN properties(o) AS o
