// One organisation with all its properties.
MATCH (o:Organisation {iri: $iri})
RETURN o
