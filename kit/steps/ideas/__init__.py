"""Ideas and themes: notes written on phones in answer to the step's questions, then gathered
into themes (with suggested groupings and placement of late notes) that the room votes on."""
