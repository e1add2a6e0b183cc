"""The course's clinical content. Not code: the CSV and YAML files beside this one.

This folder is also installed as the Python package ``legpain.course_data``, so that the data
ships inside the legpain wheel and the course works wherever it is installed (including the
browser version of the course). Edit the data files here; nothing else holds a copy.
"""
