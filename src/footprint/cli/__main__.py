from footprint.cli import app

app()
