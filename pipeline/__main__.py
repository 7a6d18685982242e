from .cli import app

if __name__ == "__main__":  # worker processes are spawned: they import this module, not run it
    app(prog_name="pipeline")
