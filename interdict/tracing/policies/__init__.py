"""Taint policies (poison, haircut, FIFO, LIFO, TIHO) and their walks over UTXO and account ledgers."""
