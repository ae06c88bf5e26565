"""Sign-in, sign-up, sign-out (issue: accounts)."""

from django.urls import path

from dashboard.views.accounts import views

app_name = "accounts"
urlpatterns = [
    path("signin/", views.signin, name="signin"),
    path("signup/", views.signup, name="signup"),
    path("verify/", views.verify, name="verify"),
    path("verify/resend/", views.resend, name="resend"),
    path("signout/", views.signout, name="signout"),
]
