"""Writers: a Result in, text out."""
