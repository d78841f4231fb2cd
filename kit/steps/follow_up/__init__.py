"""After the day: the groups' first meetings, the fora of the partnership with their members and
agendas, and the agreements and overviews the coordinator sends on."""
