"""Variable.get over a dict the test fills (Variable.values), recording each read."""


class Variable:
    values = {}
    reads = []

    @classmethod
    def get(cls, key, default_var=None):
        cls.reads.append(key)
        return cls.values.get(key, default_var)
