"""How notekit shows what the rules conclude: the documented JSON shapes and the sentences
the command line, the report and the weekly note share."""
