"""What is kept between runs, and the vault read as a whole: one store behind one facade."""
