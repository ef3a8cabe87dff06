"""Background work for "download my data": building the ZIP calls the service, which is safe to run twice."""

from django_tasks import task

from wayfinder.comms import data_rights


@task()
def build_data_export(*, request_id: int) -> None:
    data_rights.data_export_build(request_id=request_id)
