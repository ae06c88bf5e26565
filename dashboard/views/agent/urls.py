"""The delivery agent's phone view."""

from django.urls import path

from dashboard import converters  # noqa: F401  (registers <ulid:…>, <payid:…>, <phone:…>)
from dashboard.views.agent import views

app_name = "agent"
urlpatterns = [
    path("", views.home, name="home"),
    path("language/", views.choose_language, name="language"),
    path("deliveries/<ulid:delivery_id>/", views.delivery_detail, name="delivery"),
    path("deliveries/<ulid:delivery_id>/pick-up/", views.pick_up, name="pick_up"),
    path("deliveries/<ulid:delivery_id>/start/", views.start_trip, name="start_trip"),
    path("deliveries/<ulid:delivery_id>/deliver/", views.deliver, name="deliver"),
    path("deliveries/<ulid:delivery_id>/fail/", views.fail, name="fail"),
    path("deliveries/<ulid:delivery_id>/close/", views.close_cancelled, name="close_cancelled"),
    path("deliveries/<ulid:delivery_id>/resend-code/", views.resend_code, name="resend_code"),
    path("deliveries/<ulid:delivery_id>/location/", views.location, name="location"),
    path("deliveries/<ulid:delivery_id>/photo/", views.photo, name="photo"),
    path("deliveries/<ulid:delivery_id>/upi/", views.upi_qr, name="upi"),
]
