# Source this file (bash or zsh) to make Jupyter find the project's kernel spec, which
# environment/setup.sh writes into environment/.jupyter/kernels/tokendrift-java/:
#
#   source environment/jupyter-env.sh
#   jupyter kernelspec list            # shows tokendrift-java
#   jupyter notebook notebooks/        # needs: environment/setup.sh --notebook

_tokendrift_jupyter_dir="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")" && pwd)/.jupyter"
case ":${JUPYTER_PATH:-}:" in
  *":$_tokendrift_jupyter_dir:"*) ;;  # already there: sourcing twice changes nothing
  *) export JUPYTER_PATH="$_tokendrift_jupyter_dir${JUPYTER_PATH:+:$JUPYTER_PATH}" ;;
esac
# Debian's ipykernel (pulled in by jupyter-notebook) warns about frozen modules otherwise.
export PYDEVD_DISABLE_FILE_VALIDATION=1
unset _tokendrift_jupyter_dir
