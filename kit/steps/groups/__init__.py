"""Working groups: the chosen themes become groups, participants give their wishes, an optimal
assignment forms the groups, each with a coordinator, terms of reference and follow-up actions."""
