// Remove the derived exposure paths before they are computed again.
MATCH ()-[e:EXPOSED_TO]->() DELETE e
