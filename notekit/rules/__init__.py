"""What notekit concludes from the notes: who is due, what is wrong, who matches, the week."""
