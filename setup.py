"""Package layout for setuptools (metadata is in pyproject.toml).

data/ stays the single source in the repository; the wheel carries it as leerlab/_data,
so leerlab.paths.data_dir() works after ``pip install`` outside a checkout.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages("src"), "leerlab._data"],
    package_dir={"": "src", "leerlab._data": "data"},
)
